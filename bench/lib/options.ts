// Command-line options shared by the benches (`npm run bench -- <name> [--option value]…`).

/** The value after `--name` in args, or fallback when it is absent or has no value. */
export function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/**
 * Reads args as `--key value` pairs, handing each value to its key's setter; a key without a value or a key not in
 * setters is an error.
 */
export function parsePairs(args: string[], setters: Record<string, (value: string) => void>): void {
  for (let i = 0; i < args.length; i += 2) {
    const [key, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`参数 ${key} 缺少取值`);
    const set = key !== undefined && Object.hasOwn(setters, key) ? setters[key] : undefined;
    if (!set) throw new Error(`未知参数 ${key}`);
    set(value);
  }
}
