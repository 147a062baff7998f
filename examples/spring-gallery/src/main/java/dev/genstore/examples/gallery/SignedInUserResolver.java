package dev.genstore.examples.gallery;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Fills a {@link SignedInUser} parameter from {@code Authorization: Bearer …}, or answers 401. */
@Configuration(proxyBeanMethods = false)
public class SignedInUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    private static final String BEARER = "Bearer ";
    private final SessionTokens tokens;

    public SignedInUserResolver(SessionTokens tokens) {
        this.tokens = tokens;
    }

    /** Thrown when a request needs a signed-in user and has no valid token; answered with 401. */
    public static class NotSignedInException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSignedInException() {
            super("sign in first: POST /auth/code, then POST /auth/verify, and send the token as Authorization: Bearer …");
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInUser.class;
    }

    @Override
    public SignedInUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                        NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new NotSignedInException();
        }
        return tokens.verify(header.substring(BEARER.length()).trim()).map(SignedInUser::new)
                .orElseThrow(NotSignedInException::new);
    }
}
