/** ASCII character classes of the lexer (char codes, not strings, to avoid allocating). */

export const isDigit = (code: number): boolean => code >= 48 && code <= 57;
export const isNameStart = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
export const isNamePart = (code: number): boolean => isNameStart(code) || isDigit(code);
export const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
