// npm run build:console (and npm install's postinstall): builds the staff console into
// dist/console with vite. npm start builds it too when it is missing.
import { buildConsole } from '../src/http/console/console-dist.ts';

await buildConsole();
console.log('Staff console built into dist/console');
