package dev.genstore.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** What makes two spellings one prompt. */
class PromptNormalizerTest {
    @Test
    void caseWidthAndWhitespaceDoNotMatter() {
        assertEquals("a red fox", PromptNormalizer.normalize("  A\tRED\u00A0\u200B fox \n"));
        assertEquals(PromptNormalizer.normalize("Straße"), PromptNormalizer.normalize("STRASSE"));
        assertEquals("abc 123", PromptNormalizer.normalize("ＡＢＣ　１２３")); // full-width forms fold (NFKC)
        assertEquals(PromptNormalizer.normalize("e\u0301"), PromptNormalizer.normalize("\u00E9"));
    }

    @Test
    void punctuationAndWordOrderStillDo() {
        assertNotEquals(PromptNormalizer.normalize("red fox"), PromptNormalizer.normalize("fox red"));
        assertNotEquals(PromptNormalizer.normalize("red fox"), PromptNormalizer.normalize("red fox!"));
    }

    @Test
    void theHashIsTheSha256OfTheUtf8Text() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PromptNormalizer.hash(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PromptNormalizer.hash("abc"));
        assertEquals(64, PromptNormalizer.hash(PromptNormalizer.normalize("日本語")).length());
    }
}
