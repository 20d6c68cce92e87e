import { homeCounts, homeView, type HomeCounts, type HomeView } from '@palermo/contracts';
import { api } from '../../app/api';

export type { HomeCounts, HomeView };

/** The caller's home: the lists of their roles (an audited read when it lists cases). */
export function getHome(): Promise<HomeView> {
  return api.get('/api/home', homeView);
}

/** What waits, as counts only: reads no personal data, so the navigation may refresh it freely. */
export function getHomeCounts(): Promise<HomeCounts> {
  return api.get('/api/home/counts', homeCounts);
}
