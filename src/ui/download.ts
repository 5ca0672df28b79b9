/** Saving a file the app made (scores, problems, a backup) to the user's device: no network involved. */

/** Offers `data` as a download named `fileName` (the browser's usual save flow). */
export function downloadFile(fileName: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: some browsers read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV file's text (already carrying its BOM if its dialect wants one) as a download. */
export function downloadCsv(fileName: string, text: string): void {
  downloadFile(fileName, text, 'text/csv;charset=utf-8');
}

/** A day as it goes into file names: `2026-11-23`. */
export function fileDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
