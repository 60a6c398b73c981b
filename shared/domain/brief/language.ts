import type { Language } from '../common';

const GERMAN =
  /\b(und|der|die|das|ich|sie|bitte|für|mit|nicht|ist|wir|ein|eine|zu|bis|auf|den|dem|hallo|grüße|danke|können|könnten|würden|brauche|uns|noch|auch|wäre|liebe|lieber|sehr|geehrte)\b/gi;
const ENGLISH =
  /\b(the|and|please|for|with|is|we|a|to|by|on|of|you|hi|hello|thanks|regards|could|would|need|our|also|dear|can|this|that)\b/gi;

/** German or English, by common words; ties go to the client's own language. */
export const detectLanguage = (text: string, fallback: Language): Language => {
  const german = (text.match(GERMAN)?.length ?? 0) + (text.match(/[äöüß]/gi)?.length ?? 0) * 0.5;
  const english = text.match(ENGLISH)?.length ?? 0;
  if (german === english) return fallback;
  return german > english ? 'de' : 'en';
};
