/** The default playbooks in the UI's language (the worker stores them on first use: `EngineApi.playbooks`). */
import { DEFAULT_PLAYBOOK_IDS, defaultPlaybooks, type DefaultPlaybookId, type DefaultPlaybookTexts, type Playbook } from '../../engine';
import type { MessageKey } from '../../i18n';

const KEY: Readonly<Record<DefaultPlaybookId, string>> = {
  'default-red': 'red',
  'default-yellow': 'yellow',
  'default-advocates': 'advocates',
  'default-upgrade': 'upgrade',
};

export function defaultPlaybooksIn(t: (key: MessageKey) => string): Playbook[] {
  const texts = Object.fromEntries(
    DEFAULT_PLAYBOOK_IDS.map((id) => {
      const part = (field: keyof DefaultPlaybookTexts) => t(`playbook.default.${KEY[id]}.${field}` as MessageKey);
      return [id, { name: part('name'), title: part('title'), description: part('description') }];
    }),
  ) as Record<DefaultPlaybookId, DefaultPlaybookTexts>;
  return defaultPlaybooks(texts);
}
