//! Message and modal components, including the layout components.
