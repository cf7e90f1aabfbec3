import type { LogLevel } from './config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Structured JSON lines. Callers pass ids and codes only: never a BSN, name or birth date
 * (the standards forbid personal data in logs).
 */
export class Logger {
  constructor(
    private readonly component: string,
    /** Fixed level; without one, LOG_LEVEL is read at each write (loggers made at import time follow it). */
    private readonly level?: LogLevel,
  ) {}

  child(component: string): Logger {
    return new Logger(`${this.component}.${component}`, this.level);
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    const drempel = this.level ?? (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info';
    if (ORDER[level] < (ORDER[drempel] ?? ORDER.info)) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      component: this.component,
      msg,
      ...fields,
    });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  }
}
