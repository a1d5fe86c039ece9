import type { Command } from '../command.ts';

// boot() already migrates; this command exists so an operator can do it explicitly.
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Create or upgrade the database schema',
  usage: 'relance migrate',
  needsDatabase: true,
  createsDatabase: true,
  async run() {
    console.log('Database is up to date.');
  },
};
