// punycode.js ships no types; plan uses only toASCII (what twitter-text checks domains with).
declare module 'punycode.js' {
  const punycode: { toASCII(domain: string): string };
  export default punycode;
}
