import { FluentProvider, makeStaticStyles, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

import { App, AppProps } from './App';
import { Locale, pickLocale } from './strings';

// Page-level CSS through Griffel (like every other style), so the HTML needs no inline <style>.
const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
});

function Root(props: AppProps) {
  useGlobalStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>
  );
}

/** UI language: ?lang=en-US on the page URL, otherwise the given default (zh-CN). */
export function localeFromLocation(search: string = window.location.search, fallback?: string | null): Locale {
  return pickLocale(new URLSearchParams(search).get('lang') ?? fallback);
}

/** Renders the app into a container (replacing the static "loading" text the page ships with). */
export function mount(container: HTMLElement, props: AppProps): void {
  const locale = props.locale ?? localeFromLocation();
  document.documentElement.lang = locale;
  createRoot(container).render(<Root {...props} locale={locale} />);
}
