import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, ReactNode } from 'react';

interface Props {
  title: string;
  advice: string;
  /** Changing it (another tab, another master) clears the error. */
  resetKey: string;
  children: ReactNode;
}

/**
 * A screen that fails to draw shows what happened instead of blanking the page: the toolbar above it
 * (下载主表) keeps working, so the master is never lost to a display bug.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{this.props.title}</MessageBarTitle>
          {this.state.error.message} {this.props.advice}
        </MessageBarBody>
      </MessageBar>
    );
  }
}
