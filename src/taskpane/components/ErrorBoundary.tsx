import { Component, ReactNode } from 'react';
import { Notice } from './Notice';

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
      <Notice intent="error" title={this.props.title}>
        {this.state.error.message} {this.props.advice}
      </Notice>
    );
  }
}
