// A command line written as one string (the CLI's `--args "…"`, a launch.json `args` string) split
// into words the way a POSIX shell splits them: blanks separate, quotes group, a backslash escapes.
// Anything a shell would expand ($VAR, globs, ${workspaceFolder}) is not: undefined, so the caller
// can say the arguments are not known rather than use words the script would not get.

/** The words, or undefined when the string has an unclosed quote or something a shell would expand. */
export function splitCommandLine(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '$' || line[j] === '`') return undefined;
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        s += line[j];
      }
      if (j >= line.length) return undefined;
      word = (word ?? '') + s;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return undefined;
      word = (word ?? '') + line[++i];
    } else if ('$`*?[~|&;<>(){}'.includes(c)) return undefined;
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
