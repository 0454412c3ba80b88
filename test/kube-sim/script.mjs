// What a simulated container does when its command (and args) is a small
// shell script: the simulator has no images to run, so it reads the few
// builtins a test needs to script a container's output and exit code.
//
//   echo TEXT...      prints a line (`-n` and `-e` are accepted and ignored; `>&2` too, logs merge both streams)
//   sleep SECONDS     runs that much longer (divided by timeScale; `s`, `m` suffixes)
//   exit [N]          exits with N (default: the last status)
//   true, :, false    status 0, 0, 1
//   set -e            stops at the first failing command, as `sh -e` does
//
// Statements are separated by newlines, `;` and `&&` (which skips the rest of
// its chain after a failure). `$NAME` and `${NAME}` expand from the
// container's `env` values (valueFrom is not resolved). Quotes work as in sh,
// without escapes inside single quotes. Any other program cannot be run
// here: in a pod whose restartPolicy is Always it is taken to run until
// stopped (a server); otherwise it succeeds at once, printing nothing.

const SHELLS = /^(\/usr)?(\/bin\/)?(ba|da|a)?sh$/;

/**
 * @typedef {object} ScriptRun
 * @property {string[]} logs     the lines it prints
 * @property {number} exitCode
 * @property {number} sleptMs    how long its sleeps take, in real ms
 * @property {boolean} forever   it reached a program that runs until stopped
 */

/**
 * The run a container's command and args describe, or undefined when it has
 * none (the image's own entrypoint, which the simulator does not know).
 * @param {{ command?: string[], args?: string[], env?: { name: string, value?: string }[] }} container
 * @param {{ timeScale?: number, restartPolicy?: string }} [options]
 * @returns {ScriptRun | undefined}
 */
export function runScript(container, { timeScale = 1, restartPolicy = 'Always' } = {}) {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  if (!argv.length) return undefined;
  /** @type {Record<string, string>} */
  const env = {};
  for (const entry of container.env ?? []) if (typeof entry.value === 'string') env[entry.name] = entry.value;

  /** @type {string[][][]} chains of statements, each a list of words */
  let chains;
  let stopOnError = false;
  if (SHELLS.test(argv[0])) {
    const flags = argv.slice(1).filter((arg) => /^-[a-z]+$/.test(arg));
    const at = argv.findIndex((arg, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
    if (at < 0 || at + 1 >= argv.length) return { logs: [], exitCode: 0, sleptMs: 0, forever: restartPolicy === 'Always' };
    stopOnError = flags.some((flag) => flag.includes('e'));
    chains = parse(argv[at + 1], env);
  } else {
    chains = [[argv]];
  }

  const run = { logs: /** @type {string[]} */ ([]), exitCode: 0, sleptMs: 0, forever: false };
  for (const chain of chains) {
    for (const words of chain) {
      const [name, ...rest] = words;
      if (name === undefined) continue;
      if (name === 'exit') {
        run.exitCode = rest.length ? Number(rest[0]) & 255 : run.exitCode;
        return run;
      }
      const status = builtin(name, rest, run, timeScale, () => (stopOnError = true));
      if (status === undefined) {
        if (restartPolicy === 'Always') {
          run.forever = true;
          return run;
        }
        run.exitCode = 0;
      } else {
        run.exitCode = status;
      }
      if (run.exitCode !== 0) {
        if (stopOnError) return run;
        break;
      }
    }
  }
  return run;
}

/**
 * Runs one builtin; undefined when `name` is not one.
 * @param {string} name @param {string[]} args @param {ScriptRun} run @param {number} timeScale @param {() => void} setE
 * @returns {number | undefined}
 */
function builtin(name, args, run, timeScale, setE) {
  switch (name) {
    case 'echo':
      run.logs.push(args.filter((arg, i) => !(i === 0 && /^-[neE]+$/.test(arg))).join(' '));
      return 0;
    case 'sleep': {
      const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(args[0] ?? '');
      if (!match) return 1;
      run.sleptMs += (Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000)) / timeScale;
      return 0;
    }
    case 'true':
    case ':':
      return 0;
    case 'false':
      return 1;
    case 'set':
      if (args.some((arg) => /^-[a-z]*e/.test(arg))) setE();
      return 0;
    default:
      return undefined;
  }
}

/**
 * Splits a script into `&&` chains of statements of words, expanding
 * variables and dropping redirections of one stream to the other.
 * @param {string} script @param {Record<string, string>} env
 * @returns {string[][][]}
 */
function parse(script, env) {
  /** @type {string[][][]} */
  const chains = [[[]]];
  let word = '';
  let inWord = false;
  const chain = () => /** @type {string[][]} */ (chains.at(-1));
  const statement = () => /** @type {string[]} */ (chain().at(-1));
  const endWord = () => {
    if (inWord && !/^[012]?>&[12]$/.test(word)) statement().push(word);
    word = '';
    inWord = false;
  };
  const expand = (/** @type {string} */ text, /** @type {number} */ at) => {
    const match = /^\$(?:\{(\w+)\}|(\w+))/.exec(text.slice(at));
    if (!match) return { value: '$', length: 1 };
    return { value: env[match[1] ?? match[2]] ?? '', length: match[0].length };
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      word += script.slice(i + 1, end < 0 ? script.length : end);
      inWord = true;
      i = end < 0 ? script.length : end;
    } else if (ch === '"') {
      inWord = true;
      for (i++; i < script.length && script[i] !== '"'; i++) {
        if (script[i] === '\\' && /["\\$`]/.test(script[i + 1] ?? '')) word += script[++i];
        else if (script[i] === '$') {
          const { value, length } = expand(script, i);
          word += value;
          i += length - 1;
        } else word += script[i];
      }
    } else if (ch === '$') {
      const { value, length } = expand(script, i);
      word += value;
      inWord = true;
      i += length - 1;
    } else if (ch === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') {
        word += script[i + 1];
        inWord = true;
      }
      i++;
    } else if (ch === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === '&' && script[i + 1] === '&') {
      endWord();
      chain().push([]);
      i++;
    } else if (ch === ';' || ch === '\n') {
      endWord();
      chains.push([[]]);
    } else if (ch === ' ' || ch === '\t') {
      endWord();
    } else {
      word += ch;
      inWord = true;
    }
  }
  endWord();
  return chains;
}
