import { useState } from 'react';
import type { ReauthAction } from '../../../shared/auth-contract';
import { call } from '../../api';

/**
 * The one way the renderer re-authenticates: the password and the authenticator code (sent when
 * typed, so TOTP-enrolled users can confirm), for exactly one call. ReauthDialog and the
 * break-glass form both use it; the fields clear once the proof is given.
 */
export function useReauth(action: ReauthAction) {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const confirm = async () => {
    await call('reauthenticate', { password, otp: otp.trim() || undefined, for: action });
    setPassword('');
    setOtp('');
  };
  return { password, setPassword, otp, setOtp, confirm };
}
