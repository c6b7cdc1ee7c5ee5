import { CentralError } from './services/errors';
import { UsageError } from './cli/context';
import { serveCommand } from './cli/serve';
import { reviewCommand } from './cli/review';
import { stationCommand } from './cli/station';
import { publishCommand } from './cli/publish';
import { bundleCommand } from './cli/bundle';
import { accountCommand, auditCommand, loginCommand, logoutCommand, whoamiCommand } from './cli/account';
import { changesCommand, openapiCommand, USAGE } from './cli/misc';

/** `npm run central -- <command>`: the central server and its back office (see USAGE). */
async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'review':
      return reviewCommand(rest);
    case 'login':
      return loginCommand(rest);
    case 'logout':
      return logoutCommand();
    case 'whoami':
      return whoamiCommand();
    case 'account':
      return accountCommand(rest);
    case 'audit':
      return auditCommand(rest);
    case 'station':
      return stationCommand(rest);
    case 'publish':
      return publishCommand(rest);
    case 'bundle':
      return bundleCommand(rest);
    case 'changes':
      return changesCommand(rest);
    case 'openapi':
      return openapiCommand();
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      throw new UsageError(`未知命令：${command}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof CentralError) {
    process.stderr.write(`错误：${e.body.message}\n`);
    process.exitCode = 1;
  } else if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
});
