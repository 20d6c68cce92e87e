/**
 * Text someone typed (a legal provision, a name), set inside a translated sentence: wrapped in Unicode's first strong
 * isolate and pop directional isolate, so that Latin text in an Arabic sentence (or Arabic in an English one) keeps
 * its own direction and the sentence's punctuation stays where the translation put it. Where the text is a whole
 * element of its own, <bdi> does the same.
 */
export const isolate = (typed: string): string => `\u2068${typed}\u2069`;
