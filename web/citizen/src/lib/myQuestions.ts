/**
 * The questions asked on this phone: id and tracking code, in
 * localStorage (the code is shown once; only its hash is on the server).
 */
export interface MyQuestion {
  id: string;
  trackingToken: string;
  question: string;
  askedAt: string;
}

const KEY = 'xinhua.myQuestions';

export function myQuestions(): MyQuestion[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(stored) ? (stored as MyQuestion[]) : [];
  } catch {
    return [];
  }
}

export function keepQuestion(question: MyQuestion): void {
  const others = myQuestions().filter((kept) => kept.id !== question.id);
  localStorage.setItem(KEY, JSON.stringify([question, ...others]));
}

export const findMyQuestion = (id: string) => myQuestions().find((kept) => kept.id === id);
