/**
 * "Mute / Notify me about articles like this…": a rule prefilled from one article, scoped to its feed, with the
 * significant words of its title as the condition (the words that say what it is about, not "the", "how" or a
 * number), so the user starts from something close and edits it.
 */
import { fold, forEachToken } from '../search/normalize';

// Short function words of the languages feeds are most often in; a title word of three letters or fewer is
// dropped anyway, so only longer ones need listing.
const STOP_WORDS = new Set(
  (
    'about above after again against also among another because been before being below between both cannot could does doing down during each ' +
    'even every from further have having here into just like more most much must never next only other over same should some such than that ' +
    'their them then there these they this those through under until very were what when where which while with would your yours ' +
    'will into onto upon says said gets make makes made new news today week year years first last best using used ' +
    'aber auch dass denn eine einem einen einer eines nach oder sich sind über unter wird wurde ' +
    'avec dans elle leur mais pour sans sont sous une ' +
    'como para pero porque sobre una unos unas'
  ).split(' '),
);

/** Up to `max` significant words of a title, in order, folded, without repeats. */
export function significantWords(title: string, max = 3): string[] {
  const out: string[] = [];
  forEachToken(fold(title), (token) => {
    if (out.length >= max || token.length < 4 || /^\d+$/.test(token) || STOP_WORDS.has(token) || out.includes(token)) return;
    out.push(token);
  });
  return out;
}

/** A condition for articles like this one: its title's significant words (the rule's scope carries the feed). */
export function suggestCondition(title: string): string {
  return significantWords(title).join(' ');
}
