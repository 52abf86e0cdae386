"""The error raised when a reviewer's action on the checks is refused."""


class ChecksRefused(Exception):
    """An override or masking was refused; ``messages`` say why, in Chinese.

    ``status`` is the HTTP status the refusal maps to (the views answer
    with it and the messages, as JSON when the client asks for JSON).
    """

    def __init__(self, messages, status=400):
        if isinstance(messages, str):
            messages = [messages]
        self.messages = list(messages)
        self.status = status
        super().__init__("; ".join(str(m) for m in self.messages))
