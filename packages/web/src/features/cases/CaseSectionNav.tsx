import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

interface SectionLink {
  readonly id: string;
  readonly label: string;
}

/** The case page's sections as they are on the page: each `section` with an id and its own heading. */
function sectionsOnPage(): SectionLink[] {
  const main = document.querySelector('main');
  if (!main) return [];
  return [...main.querySelectorAll<HTMLElement>('section[id]')].flatMap((section) => {
    if (section.id === 'case-sections') return [];
    const heading = section.querySelector(':scope > h2');
    const label = heading?.textContent?.trim();
    return label ? [{ id: section.id, label }] : [];
  });
}

/**
 * Links to the sections of the case page that this reader has (they depend on the reader's relationship to the case),
 * read from the page itself so that a section added to the page appears here without a list to keep in step. When
 * the address names a section (a link from the home page), the page scrolls to it once it is there.
 */
export function CaseSectionNav() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const [links, setLinks] = useState<SectionLink[]>([]);
  useEffect(() => {
    const main = document.querySelector('main');
    if (!main) return undefined;
    let scrolled = false;
    const read = () => {
      const found = sectionsOnPage();
      setLinks((previous) => (JSON.stringify(previous) === JSON.stringify(found) ? previous : found));
      const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
      if (target && !scrolled) {
        scrolled = true;
        target.scrollIntoView();
      }
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [hash]);
  if (links.length < 2) return null;
  return (
    <nav id="case-sections" aria-label={t('caseNav.label')} className="case-sections">
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <a href={`#${link.id}`}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
