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

/** The app as mounted: `update` renders it again with new props (its state kept), `unmount` removes it. */
export interface MountedApp {
  update(props: AppProps): void;
  unmount(): void;
}

/** Renders the app into a container (replacing the static "loading" text the page ships with). */
export function mount(container: HTMLElement, props: AppProps): MountedApp {
  const root = createRoot(container);
  const render = (p: AppProps) => {
    const locale = p.locale ?? localeFromLocation();
    document.documentElement.lang = locale;
    root.render(<Root {...p} locale={locale} />);
  };
  render(props);
  return { update: render, unmount: () => root.unmount() };
}
