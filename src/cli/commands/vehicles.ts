// CLI commands of the vehicle card: VIN decode and plate lookup.
import type { Command } from '../command.ts';
import { decodeVinCommand } from './decode-vin.ts';
import { lookupPlateCommand } from './lookup-plate.ts';

export const VEHICLE_COMMANDS: Command[] = [decodeVinCommand, lookupPlateCommand];
