import type { AppInfo } from '../../shared/contract';

export const APP_INFO: AppInfo = { name: 'Need-to-Know', version: '0.1.0' };
