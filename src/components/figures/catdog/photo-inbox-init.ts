/**
 * Inline, parse-time entry (see `InlineScript.astro`) for pages with a photo
 * figure: installs the page's photo inbox before any island hydrates, so a
 * dropped file is kept (never opened by the browser) and pastes are caught.
 */
import { installPhotoInbox } from '../kit/photo-inbox';

installPhotoInbox('[data-catdog-figure="examples"]');
