import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from './i18n.tsx';

/** One button naming the other language: "English" while in Chinese, "中文" while in English. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, setLocale } = useI18n();
  const toEnglish = locale !== 'en';
  return (
    <Button
      type="text"
      className={className}
      icon={<GlobalOutlined />}
      onClick={() => setLocale(toEnglish ? 'en' : 'zh-CN')}
      lang={toEnglish ? 'en' : 'zh-CN'}
    >
      {toEnglish ? 'English' : '中文'}
    </Button>
  );
}
