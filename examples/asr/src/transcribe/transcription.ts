/** A stretch of speech with its words, in seconds from the start of the audio. */
export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** What a recognizer heard. */
export interface Transcription {
  text: string;
  /** Timed segments, when asked for and the model gives timestamps. */
  segments: Segment[] | undefined;
  /** The model's confidence in [0, 1], when it exposes one. */
  score: number | undefined;
}

export interface TranscribeOptions {
  /** Produce timed segments when the model can. */
  segments: boolean;
  /** Window length for long audio, seconds (0 = the model's own window). */
  chunkLengthS: number;
  /** Overlap on each side of a window, seconds (0 = a sixth of the window). */
  strideLengthS: number;
  /** Spoken language for multilingual Whisper models (`LANGUAGE`). */
  language: string | undefined;
}

/** A loaded speech model: 16 kHz mono samples in, text out. */
export interface Recognizer {
  /** Which decoding path this model takes. */
  readonly kind: 'ctc' | 'whisper' | 'generic';
  transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription>;
}
