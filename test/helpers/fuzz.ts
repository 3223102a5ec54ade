/**
 * Whether a string can be put in a URL at all: a lone surrogate makes encodeURIComponent throw, so the fuzz suites
 * send invalid UTF-8 in paths as raw percent-encodings (%C0%AF, %FF%FE) instead.
 */
export const encodable = (value: string): boolean => {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
};
