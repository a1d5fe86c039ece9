// A progress bar for long CLI work. On a terminal it redraws one line; in a log (CI, pipes)
// it prints a line every 10% so the output stays readable.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, extra?: string): void;
  stop(): void;
}

export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left {extra}`,
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { extra: '' });
    return {
      update: (done, extra = '') => bar.update(Math.min(done, Math.max(total, 1)), { extra }),
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(done, extra = '') {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${label}: ${done}/${total} (${Math.min(decile * 10, 100)}%) ${extra}\n`);
      }
    },
    stop() {},
  };
}
