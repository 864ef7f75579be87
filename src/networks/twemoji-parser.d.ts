// twemoji-parser ships no types; plan uses only parse (what twitter-text weighs emoji with).
declare module 'twemoji-parser' {
  export function parse(text: string): { text: string; indices: [number, number] }[];
}
