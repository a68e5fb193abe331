import { MessageBar, MessageBarBody, MessageBarIntent, MessageBarTitle, useId } from '@fluentui/react-components';
import { forwardRef } from 'react';
import type { ReactNode } from 'react';

export interface NoticeProps {
  intent: MessageBarIntent;
  /** Bold first line; omitted when empty. */
  title?: ReactNode;
  /** Shown as a heading (level 2) for a result the screen moves the focus to. */
  heading?: boolean;
  /** Can take the focus from script (the result of an action), not from Tab. */
  focusable?: boolean;
  children?: ReactNode;
}

/**
 * A Fluent message bar as every screen uses it: multiline, an optional title, then the text. Its group is named by
 * the title, or by the text when there is none (Fluent's own aria-labelledby points to a title id that does not
 * exist without a title). Fluent announces a message bar when it appears (under the App's AriaLiveAnnouncer): a
 * new message in the same place needs a new `key`.
 */
export const Notice = forwardRef<HTMLDivElement, NoticeProps>(function Notice({ intent, title, heading, focusable, children }, ref) {
  const titleId = useId('notice-title');
  const bodyId = useId('notice-body');
  const hasBody = children !== undefined && children !== null && children !== false && children !== '';
  return (
    <MessageBar
      ref={ref}
      intent={intent}
      layout="multiline"
      tabIndex={focusable ? -1 : undefined}
      aria-labelledby={title ? titleId : hasBody ? bodyId : undefined}
      aria-describedby={title && hasBody ? bodyId : undefined}
    >
      <MessageBarBody>
        {title ? (
          <MessageBarTitle id={titleId} {...(heading ? { role: 'heading', 'aria-level': 2 } : {})}>
            {title}
          </MessageBarTitle>
        ) : null}
        {hasBody ? <span id={bodyId}>{children}</span> : null}
      </MessageBarBody>
    </MessageBar>
  );
});
