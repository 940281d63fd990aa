/**
 * The keywords US carriers and Twilio's default opt-out handling honour
 * (https://help.twilio.com/articles/223134027). Twilio blocks the number itself on any opt-out
 * word, so each must be recorded here too, or we would keep trying and get error 21610.
 */
const keywords: Record<string, SmsKeyword> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  REVOKE: 'stop',
  OPTOUT: 'stop',
  START: 'start',
  UNSTOP: 'start',
  YES: 'start',
  HELP: 'help',
  INFO: 'help',
};

export type SmsKeyword = 'stop' | 'start' | 'help';

/** The keyword a whole inbound text is, ignoring case, spaces and trailing punctuation. */
export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body
    .trim()
    .toUpperCase()
    .replace(/[\s.!]+$/, '');
  return keywords[word];
}
