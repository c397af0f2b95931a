import { useState } from 'react';

export interface Position {
  lat: number;
  lng: number;
  accuracy: number;
}

/** The phone's position, asked for when the citizen taps 使用当前位置. */
export function usePosition() {
  const [position, setPosition] = useState<Position>();
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<string>();
  const locate = () => {
    setLocating(true);
    setFailure(undefined);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setPosition({ lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy });
        setLocating(false);
      },
      () => {
        setFailure('无法获取位置，请在下面填写地址');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return { position, locating, failure, locate };
}
