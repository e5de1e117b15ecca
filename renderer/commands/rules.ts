/** The article context menu and "Mute / Notify me about articles like this…" (a rule prefilled from an article). */
import { getArticle } from '../../shared/db';
import { NO_ACTIONS, suggestCondition } from '../../shared/rules';
import { showToast } from '../state/ui-store';
import { openLink, toggleRead, toggleStarOf } from './article-actions';
import type { CommandContext } from './command-context';
import { selectedLibraryId } from './selection';
import { t } from '../i18n/window-translator';

export type RuleKind = 'mute' | 'notify';

/** Opens the rule dialog with a new rule for the article's feed, its title's words as the condition. */
export async function ruleLikeThis(ctx: CommandContext, articleId: string, kind: RuleKind): Promise<void> {
  const article = await getArticle(ctx.db, articleId);
  if (!article) return;
  const condition = suggestCondition(article.title);
  const { feeds } = ctx.library.get();
  const feed = feeds.find((row) => row.id === article.feedId);
  const feedTitle = feed?.title ?? article.feedTitle ?? '';
  const prefix = kind === 'mute' ? t('rules.mutePrefix') : t('rules.notifyPrefix');
  ctx.ui.set({
    ruleRequest: {
      title: kind === 'mute' ? t('rules.muteTitle') : t('rules.notifyTitle'),
      namePrefix: prefix,
      draft: {
        name: t('rules.suggestedName', { prefix, condition: condition || feedTitle }),
        enabled: true,
        scope: feed ? { kind: 'feed', feedId: article.feedId } : { kind: 'all' },
        condition,
        actions: { ...NO_ACTIONS, ...(kind === 'mute' ? { hide: true } : { notify: true }) },
      },
    },
  });
}

/** `rule.muteLikeThis` / `rule.notifyLikeThis`: acts on the selected article. */
export function ruleLikeSelected(ctx: CommandContext, kind: RuleKind): void {
  const id = selectedLibraryId(ctx);
  if (id) void ruleLikeThis(ctx, id, kind);
  else showToast(ctx.ui, { kind: 'info', message: t('rules.selectArticleFirst') });
}

/** The context menu of an article in the list (right click, the Menu key or Shift+F10). */
export function openArticleMenu(ctx: CommandContext, id: string, at: { x: number; y: number }): void {
  if (id === ctx.welcome.id) return;
  void getArticle(ctx.db, id).then((article) => {
    if (!article) return;
    ctx.ui.set({
      menu: {
        at,
        label: t('menus.articleActions', { title: article.title }),
        items: [
          { label: article.read ? t('menus.markAsUnread') : t('menus.markAsRead'), onSelect: () => void toggleRead(ctx, id, article.read === 1) },
          { label: article.starred ? t('menus.removeBookmark') : t('menus.bookmark'), onSelect: () => void toggleStarOf(ctx, id) },
          { label: t('menus.openOriginal'), disabled: !article.url, onSelect: () => article.url && openLink(ctx, article.url) },
          { label: t('menus.muteLikeThis'), onSelect: () => void ruleLikeThis(ctx, id, 'mute') },
          { label: t('menus.notifyLikeThis'), onSelect: () => void ruleLikeThis(ctx, id, 'notify') },
        ],
      },
    });
  });
}
