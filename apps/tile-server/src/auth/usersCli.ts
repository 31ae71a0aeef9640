import { setUserPassword } from './setUserPassword.js';
import { UsersFileError } from './usersFile.js';

const USAGE = 'usage: usersCli <users.json> <username> <operator|planner|viewer|kiosk>\n' +
  'Adds the user, or resets an existing one, with a new random password printed once.\n';

/** Adds or resets one user of a users file; the server reads the file at its next start. */
async function main(args: readonly string[]): Promise<number> {
  const [file, username, role] = args;
  if (file === undefined || username === undefined || role === undefined || args.length !== 3) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const password = await setUserPassword(file, username, role);
    process.stdout.write(`${username} (${role}) in ${file}: password ${password}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsersFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
