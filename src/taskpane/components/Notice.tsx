import { MessageBar, MessageBarBody, MessageBarIntent, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface NoticeProps {
  intent: MessageBarIntent;
  /** Bold first line; omitted when empty. */
  title?: ReactNode;
  children?: ReactNode;
}

/** A Fluent message bar as every screen uses it: multiline, an optional title, then the text. */
export function Notice({ intent, title, children }: NoticeProps) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
