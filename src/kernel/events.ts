/**
 * Domain events, published after a command's transaction commits. Handlers (render-cache
 * invalidation, notifications) run in this process; anything that must survive a crash is a job
 * enqueued inside the transaction instead.
 */
export interface AppEvent {
  /** `<module>.<what happened>`, e.g. `identity.user_updated`. */
  type: string;
  /** Render-cache tags this change makes stale, e.g. `['home', 'people']`. */
  tags?: string[];
  payload?: Record<string, unknown>;
}

export type EventHandler = (event: AppEvent) => void | Promise<void>;

export class EventBus {
  private readonly handlers: EventHandler[] = [];

  /** Registers a handler for every event; returns a function that removes it. */
  subscribe(handler: EventHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.indexOf(handler);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  /** Calls every handler; a failing handler is reported and does not stop the others. */
  async publish(events: AppEvent[], onError: (error: unknown, event: AppEvent) => void): Promise<void> {
    for (const event of events) {
      for (const handler of this.handlers) {
        try {
          await handler(event);
        } catch (error) {
          onError(error, event);
        }
      }
    }
  }
}
