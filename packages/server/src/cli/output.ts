/** Every command prints a human summary, or with --json one JSON object (and nothing else on stdout). */
export interface Output {
  readonly json: boolean;
  result(summary: Record<string, unknown>, human: string): void;
  info(line: string): void;
}

export function output(json: boolean): Output {
  return {
    json,
    result(summary, human) {
      if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(`${human}\n`);
    },
    info(line) {
      if (!json) process.stdout.write(`${line}\n`);
      else process.stderr.write(`${line}\n`);
    },
  };
}
