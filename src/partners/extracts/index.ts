// One extract per partner.
import type { Partner } from '../partners.ts';
import type { Extract } from './extract.ts';
import { carfaxExtract } from './carfax.ts';
import { customerLinkExtract } from './customerlink.ts';
import { mechanicNetExtract } from './mechanicnet.ts';

export const EXTRACTS: { [P in Partner]: Extract<P> } = {
  customerlink: customerLinkExtract,
  mechanicnet: mechanicNetExtract,
  carfax: carfaxExtract,
};
