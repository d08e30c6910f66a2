// A process that forks the demo's pipeline process and waits: services/cli/test/pipeline-process.test.ts
// reads the line it prints, then kills it. Run with `node --import tsx`, as the demo runs from the sources.
import { startPipelineProcess } from '../../src/demo/pipeline-process';

startPipelineProcess(process.env).then(
  ({ url }) => process.stdout.write(`${JSON.stringify({ url })}\n`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
setInterval(() => undefined, 60_000);
