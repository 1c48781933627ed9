// The 中文 / English switch, in the top bar and on the sign-in screens.
import { getLang, setLang, t } from './i18n';

export function LangSwitch() {
  const zh = getLang() === 'zh';
  return (
    <button type="button" class="btn btn-ghost lang-switch" data-testid="lang-switch" lang={zh ? 'en' : 'zh-CN'}
      aria-label={t('lang.switchLabel')} onClick={() => setLang(zh ? 'en' : 'zh')}>
      {t('lang.switch')}
    </button>
  );
}
