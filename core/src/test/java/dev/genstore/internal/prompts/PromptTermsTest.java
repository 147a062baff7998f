package dev.genstore.internal.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How prompt text and search queries are cut into terms. */
class PromptTermsTest {
    @Test
    void wordsAreLettersDigitsAndMarksInOrderOfFirstAppearance() {
        assertEquals(List.of("a", "red", "fox", "4k", "café"), PromptTerms.index("a red fox, 4k; red café!"));
        assertEquals(List.of("don", "t", "stop"), PromptTerms.query("don't stop"));
        assertEquals(List.of(), PromptTerms.query("  *\"-+() "));
    }

    @Test
    void chineseAndJapaneseIndexEveryCharacterAndPairButAQueryOnlyThePairs() {
        assertEquals(List.of("日", "本", "語", "日本", "本語"), PromptTerms.index("日本語"));
        assertEquals(List.of("日本", "本語"), PromptTerms.query("日本語"));
        assertEquals(List.of("猫"), PromptTerms.query("猫"));
        assertEquals(List.of("cat", "猫", "dog"), PromptTerms.index("cat猫dog"));
    }

    @Test
    void longWordsAreCutAlikeOnBothSides() {
        String word = "a".repeat(PromptTerms.MAX_TERM + 10);
        assertEquals(List.of("a".repeat(PromptTerms.MAX_TERM)), PromptTerms.index(word));
        assertEquals(PromptTerms.index(word), PromptTerms.query(word));
    }
}
