// A reference cluster node: run one per process, e.g.
//   NODE_ID=n1 PORT=7001 PEERS=n2=127.0.0.1:7002,n3=127.0.0.1:7003 node --import tsx node.ts
// Configuration by environment variables: see config.ts and the README ("Drill library: reference cluster").
import { ConfigError, parseConfig } from './config.js';
import { launch } from './launch.js';

try {
  const running = await launch(parseConfig(process.env));
  const shutdown = (signal: string): void => {
    console.log(`${signal}: writing a last checkpoint and stopping`);
    running.stop(true).then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack);
  process.exit(2);
}
