/** "call_back_later" → "Call back later": the last resort for a code no catalog names (a team's own). */
export function humanizeCode(code: string): string {
  const words = code.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
