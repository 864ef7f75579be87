/**
 * `compute` with its last few results kept, by input text. Rules run post by post, and several
 * rules and networks derive the same thing from one post's text: this keeps it computed once.
 */
export function keepRecent<T>(compute: (text: string) => T, size = 8): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    if (recent.has(text)) return recent.get(text)!;
    const value = compute(text);
    if (recent.size >= size) recent.delete(recent.keys().next().value!);
    recent.set(text, value);
    return value;
  };
}
