// Runs the sca-export service on its own: `node services/sca-export/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { scaExportConfigSchema, scaExportService } from './index';

runMain(scaExportConfigSchema, (config) => [scaExportService(config)]);
