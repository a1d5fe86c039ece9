// A group of routes registered on the Fastify app (the staff API, the public pages).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import type { HttpState } from './state.ts';

export type RouteModule = (app: FastifyInstance, ctx: AppContext, state: HttpState) => void | Promise<void>;
