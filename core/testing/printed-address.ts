import type { ChildProcess } from 'node:child_process';

/**
 * Wait until a child process we started prints the line that says where it listens (serve mode's `Open: …`,
 * central's `…/v1/health`) on stdout or stderr, and return the first capture group of `pattern`. Fails with
 * everything it printed when it exits first or stays silent for `timeoutMs`.
 */
export function printedAddress(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not print its address within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output}`));
    });
  });
}
