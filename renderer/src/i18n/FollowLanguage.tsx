/** Keeps a page's words in the language the person chose (or the system's), as Settings change. */
import { useEffect } from 'react';
import { call, useFrokEvent } from '../ipc';
import { applyLanguage } from './index';

export function FollowLanguage() {
  useEffect(() => {
    call('settings:get').then(
      (s) => applyLanguage(s.language),
      () => applyLanguage('system'),
    );
  }, []);
  useFrokEvent('settings:changed', (s) => applyLanguage(s.language));
  return null;
}
