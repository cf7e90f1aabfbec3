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
    private readonly level: LogLevel = (process.env.LOG_LEVEL as LogLevel) || 'info',
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
    if (ORDER[level] < ORDER[this.level]) return;
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
