"""FitGen in Simplified Chinese: source text -> translation, filled into fitgen_zh_CN.ts by
fill.py. Terms follow glossary-zh_CN.md (训练集, 验证集, 数据增强, 批次, 轮次, 检查点...)."""

TEXTS = {
    # -- the app ------------------------------------------------------------------------
    "Something went wrong": "出错了",
    "{error}\n\nYour settings and runs are safe.": "{error}\n\n您的设置和训练记录都完好无损。",
    # -- menus ----------------------------------------------------------------------------
    "&File": "文件(&F)",
    "&New project": "新建项目(&N)",
    "&Open project…": "打开项目(&O)…",
    "Recent projects": "最近的项目",
    "&Save project": "保存项目(&S)",
    "Save project &as…": "项目另存为(&A)…",
    "Choose training &folder…": "选择训练集文件夹(&F)…",
    "Runs &workspace folder…": "训练记录工作文件夹(&W)…",
    "&Quit": "退出(&Q)",
    "&Run": "运行(&R)",
    "&Start training": "开始训练(&S)",
    "S&top": "停止(&T)",
    "&Resume…": "继续训练(&R)…",
    "&Model": "模型(&M)",
    "&Evaluate": "评估(&E)",
    "&Predict images…": "预测图像(&P)…",
    "E&xport…": "导出(&X)…",
    "&Settings": "设置(&S)",
    "&Language": "语言(&L)",
    "The language changes when FitGen is started again.": "重新启动 FitGen 后语言才会更改。",
    "&Help": "帮助(&H)",
    "&Quick guide": "快速入门(&Q)",
    "&About FitGen": "关于 FitGen(&A)",
    "(none yet)": "(暂无)",
    "Quick guide": "快速入门",
    "About FitGen": "关于 FitGen",
    "FitGen {version}\nTrain image classifiers from folders of images.\nKeras 2's "
    "fit_generator and ImageDataGenerator, on Keras 3.":
        "FitGen {version}\n用图像文件夹训练图像分类器。\n在 Keras 3 上重现 Keras 2 的 "
        "fit_generator 和 ImageDataGenerator。",
    # -- the Quick guide ----------------------------------------------------------------
    """<h3>FitGen in six steps</h3>
<ol>
<li><b>Data</b>: choose the training folder (one sub-folder per class: <i>cats/</i>,
<i>dogs/</i>...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.</li>
<li><b>Augmentation</b>: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.</li>
<li><b>Model</b>: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.</li>
<li><b>Fit options</b>: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.</li>
<li>Press <b>Start training</b> (F5). The plots and the console follow every batch.
<b>Stop</b> keeps a checkpoint; <b>Resume…</b> continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.</li>
<li><b>Evaluate</b> (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). <b>Predict</b>: drop new
images on the Predict tab. <b>Model ▸ Export…</b> writes the model for other programs, each
format checked to predict what FitGen predicts.</li>
</ol>
<p>When Start is greyed out, the red line under it says what to fix first.</p>
<p>The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see <i>docs/python-data-file.md</i>).</p>""":
    """<h3>六步上手 FitGen</h3>
<ol>
<li><b>数据</b>:选择训练集文件夹(每个类别一个子文件夹:<i>cats/</i>、<i>dogs/</i>……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。</li>
<li><b>数据增强</b>:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。</li>
<li><b>模型</b>:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。</li>
<li><b>训练选项</b>:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。</li>
<li>按下<b>开始训练</b>(F5)。曲线图和控制台会跟随每个批次更新。<b>停止</b>时会保存检查点;
<b>继续训练…</b>可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。</li>
<li><b>评估</b>(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
<b>预测</b>:把新图像拖到“预测”标签页。<b>模型 ▸ 导出…</b>将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。</li>
</ol>
<p>“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。</p>
<p>完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 <i>docs/python-data-file.md</i>)。</p>""",
    # -- window tabs and the settings (core/config.py, context Setting) ------------------
    'Data':
        '数据',
    'Augmentation':
        '数据增强',
    'Model':
        '模型',
    'Fit options':
        '训练选项',
    'Runs':
        '训练记录',
    'Augmentation preview':
        '数据增强预览',
    'Training':
        '训练',
    'Batches':
        '批次',
    'Evaluation':
        '评估',
    'Improve the data':
        '改进数据',
    'Predict':
        '预测',
    'Loading TensorFlow…':
        '正在加载 TensorFlow…',
    'Run name':
        '训练名称',
    'Data source':
        '数据来源',
    'Folders of images, one sub-folder per class; or your own generator in a Python file.':
        '图像文件夹(每个类别一个子文件夹),或 Python 文件中您自己的生成器。',
    'Image folders':
        '图像文件夹',
    'A Python data file (programmers)':
        'Python 数据文件(面向程序员)',
    'Training images':
        '训练集图像',
    'The folder of training images, with one sub-folder per class (cats/, dogs/...).':
        '训练集图像所在的文件夹,每个类别一个子文件夹(cats/、dogs/……)。',
    'Validation folder':
        '验证集文件夹',
    'The folder of validation images, one sub-folder per class.':
        '验证集图像所在的文件夹,每个类别一个子文件夹。',
    'Validation share':
        '验证集比例',
    "The share of each class's training images kept aside for validation.":
        '每个类别的训练集图像中留作验证集的比例。',
    'must be between 0 and 1 (a fraction, e.g. 0.2)':
        '必须介于 0 和 1 之间(一个比例,例如 0.2)',
    'Image size (h × w)':
        '图像尺寸(高 × 宽)',
    'Height and width the images are resized to.':
        '图像缩放到的高度和宽度。',
    'Colour':
        '颜色',
    'How many channels the model sees.':
        '模型看到的通道数。',
    'Colour (RGB)':
        '彩色(RGB)',
    'Grayscale':
        '灰度',
    'Colour + alpha (RGBA)':
        '彩色 + 透明度(RGBA)',
    'Labels':
        '标签',
    "How labels are given to the model; 'binary' needs exactly 2 classes.":
        '标签以何种形式交给模型;“二分类”要求恰好 2 个类别。',
    'One-hot (categorical)':
        '独热编码(categorical)',
    'Class index (sparse)':
        '类别索引(sparse)',
    'Binary (2 classes)':
        '二分类(2 个类别)',
    'Batch size':
        '批次大小',
    'Images per training step. Smaller uses less memory; larger trains faster per image.':
        '每个训练步的图像数。越小占用内存越少;越大则每张图像训练越快。',
    'Resizing':
        '缩放方式',
    "How images are resampled to the image size (Pillow's filter of that name, which an exported model's preprocessing.json names).":
        '图像缩放到目标尺寸时的重采样方法(Pillow 中同名的滤波器,导出模型的 preprocessing.json 会写明)。',
    'Bilinear':
        '双线性',
    'Nearest (Keras 2 default)':
        '最近邻(Keras 2 默认)',
    'Bicubic':
        '双三次',
    'Lanczos':
        'Lanczos',
    'Area (box)':
        '区域(box)',
    'Hamming':
        'Hamming',
    'Crop to keep the aspect ratio':
        '裁剪以保持宽高比',
    "Cut the centre of each image to the target's shape instead of stretching it.":
        '截取每张图像的中心部分以符合目标形状,而不是拉伸。',
    'Follow linked folders':
        '跟随链接的文件夹',
    'Include folders reached through links (shortcuts), and class folders that are links.':
        '包括通过链接(快捷方式)到达的文件夹,以及本身是链接的类别文件夹。',
    'Also read GIF and WebP files':
        '同时读取 GIF 和 WebP 文件',
    "Keras 2's flow_from_directory reads png, jpg, bmp, ppm and tif only; turn this off to train on exactly Keras 2's files.":
        'Keras 2 的 flow_from_directory 只读取 png、jpg、bmp、ppm 和 tif;关闭此项即可完全按 Keras 2 的文件范围训练。',
    'Fast reading of large photos (OpenCV)':
        '快速读取大尺寸照片(OpenCV)',
    "Decode JPEGs at reduced scale and resize with OpenCV: faster on large photos, but the pixels differ a little from Keras 2's and from what an exported model's preprocessing.json declares (its self-test then shows the difference).":
        '以缩小的比例解码 JPEG 并用 OpenCV 缩放:大照片上更快,但像素与 Keras 2 以及导出模型的 preprocessing.json 所声明的略有不同(其自检会显示差异)。',
    'Data file':
        '数据文件',
    'A file defining class_names and train_data(batch_size) (and val_data): see docs/python-data-file.md.':
        '定义 class_names 和 train_data(batch_size)(以及 val_data)的文件:见 docs/python-data-file.md。',
    'Rotation':
        '旋转',
    'Turn images by up to this many degrees, left or right.':
        '将图像向左或向右旋转,最多这么多度。',
    'Shift sideways':
        '水平平移',
    'Move images sideways by up to this share of their width.':
        '将图像左右平移,最多为其宽度的这一比例。',
    'Shift up/down':
        '垂直平移',
    'Move images up or down by up to this share of their height.':
        '将图像上下平移,最多为其高度的这一比例。',
    'Shear':
        '剪切',
    'Slant images by up to this angle, in degrees (Keras 2: 0.2 is almost nothing).':
        '将图像倾斜,最多这个角度(度)(Keras 2 中的 0.2 几乎没有效果)。',
    'Zoom':
        '缩放',
    'Zoom in or out by up to this share; width and height are zoomed separately.':
        '放大或缩小,最多这一比例;宽和高分别缩放。',
    'must be at least 0 and below 1 (0.2 zooms by up to 20% in or out)':
        '必须大于等于 0 且小于 1(0.2 表示最多放大或缩小 20%)',
    'Brightness':
        '亮度',
    'Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% brighter).':
        '将像素值乘以该范围内的一个系数(0.8 暗 20%,1.2 亮 20%)。',
    'Colour shift':
        '颜色偏移',
    'Add a random amount (up to this) to every colour channel.':
        '给每个颜色通道加上一个随机量(最多为此值)。',
    'Fill uncovered areas':
        '空白区域填充',
    'What fills the corners uncovered by a rotation, shift or zoom out.':
        '旋转、平移或缩小后露出的角落用什么填充。',
    'Repeat the edge pixels':
        '重复边缘像素',
    'Mirror the image':
        '镜像图像',
    'Tile the image':
        '平铺图像',
    'A fixed value':
        '固定值',
    'Fill value':
        '填充值',
    'The pixel value used when filling with a fixed value (0 black, 255 white).':
        '用固定值填充时使用的像素值(0 为黑,255 为白)。',
    'Left–right':
        '左右翻转',
    'Mirror half of the images left to right.':
        '将一半图像左右翻转。',
    'Upside down':
        '上下翻转',
    'Flip half of the images upside down (only if that can happen in real images, e.g. cells).':
        '将一半图像上下翻转(仅当真实图像中可能出现这种情况时,例如细胞)。',
    'Rescale':
        '重新缩放',
    "Keras 2's rescale, after augmentation: 1/255 = 0.003922.":
        'Keras 2 的 rescale,在数据增强之后应用:1/255 = 0.003922。',
    'Subtract the dataset mean':
        '减去数据集均值',
    'Per channel, computed from a sample of the training images.':
        '按通道计算,取自训练集图像的一个样本。',
    'Divide by the dataset std':
        '除以数据集标准差',
    "Subtract each image's mean":
        '减去每张图像的均值',
    "Divide by each image's std":
        '除以每张图像的标准差',
    'ZCA whitening':
        'ZCA 白化',
    'Decorrelate pixels (only for images of 32×32 or less).':
        '去除像素间的相关性(仅适用于 32×32 及以下的图像)。',
    'ZCA epsilon':
        'ZCA epsilon',
    'Regularization of ZCA whitening.':
        'ZCA 白化的正则化项。',
    'Resampling':
        '重采样',
    'How pixels are resampled when images are turned or zoomed.':
        '旋转或缩放图像时像素的重采样方式。',
    'Architecture':
        '网络结构',
    'The network that learns. The small CNN is quick on a CPU; the others are stronger, and much stronger with ImageNet weights.':
        '用于学习的网络。小型 CNN 在 CPU 上很快;其他网络更强,使用 ImageNet 权重时更强得多。',
    'Small CNN (fast, learns simple images on a CPU)':
        '小型 CNN(快速,可在 CPU 上学习简单图像)',
    'MobileNetV3 Small':
        'MobileNetV3 Small',
    'MobileNetV3 Large':
        'MobileNetV3 Large',
    'EfficientNet B0':
        'EfficientNet B0',
    'EfficientNetV2 B0':
        'EfficientNetV2 B0',
    'ConvNeXt Tiny':
        'ConvNeXt Tiny',
    'ResNet50':
        'ResNet50',
    'Start from':
        '起始权重',
    'Start from weights learned on ImageNet (1.2 million photos) to learn from few images.':
        '从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像即可学习。',
    'Train the whole network':
        '训练整个网络',
    'Off: only the new classification head learns (fast, good with pretrained weights and few images).':
        '关闭:只训练新的分类头(速度快,适合预训练权重和少量图像)。',
    'Dropout':
        'Dropout',
    'Share of features switched off at random in training, against overfitting.':
        '训练时随机关闭的特征比例,用于防止过拟合。',
    'Input size':
        '输入尺寸',
    'Images are resized to this inside the model.':
        '图像在模型内部缩放到此尺寸。',
    'Then fine-tune the top of the network':
        '然后微调网络的顶层',
    "Keras's transfer-learning recipe: the new head learns alone on the frozen network for the first half of the epochs, then the top 30% of the network's layers learn too, at a tenth of the learning rate (batch normalization stays frozen). Needs 'Train the whole network' off.":
        'Keras 的迁移学习做法:前一半轮次中,新的分类头在冻结的网络上单独训练,之后网络顶部 30% 的层也参与训练,学习率为十分之一(批归一化保持冻结)。需要关闭“训练整个网络”。',
    'Fine-tune from epoch':
        '从第几轮开始微调',
    'must be epoch 2 or later (epoch 1 trains the head)':
        '必须是第 2 轮或之后(第 1 轮训练分类头)',
    'Share of layers fine-tuned':
        '微调的层所占比例',
    'Fine-tuning learning-rate factor':
        '微调学习率系数',
    "Compute the frozen network's features once":
        '只计算一次冻结网络的特征',
    'While the network is frozen it sees each image the same way every epoch: FitGen runs it once per image, keeps what it sees in the run folder, and the head learns from that (epochs many times faster; the saved model is the whole network as usual). With augmentation, several augmented copies of each image are kept and the epochs take them in turn.':
        '网络冻结时,每一轮看到的每张图像都相同:FitGen 对每张图像只运行一次网络,把结果保存在训练记录文件夹中,分类头从这些结果中学习(每轮快很多倍;保存的模型照常是整个网络)。使用数据增强时,每张图像会保存几份增强副本,各轮次轮流使用。',
    'Augmented copies':
        '增强副本数',
    'With augmentation: augmented copies of each image computed once; more copies give more variety and take longer to compute.':
        '使用数据增强时:每张图像预先计算的增强副本数;副本越多变化越丰富,计算时间也越长。',
    'must be a whole number of copies from 1 to 100':
        '必须是 1 到 100 之间的整数副本数',
    'Optimizer':
        '优化器',
    'How the weights are updated. Adam is a good default.':
        '权重的更新方式。Adam 是不错的默认选择。',
    'Adam':
        'Adam',
    'AdamW':
        'AdamW',
    'SGD with momentum':
        '带动量的 SGD',
    'RMSprop':
        'RMSprop',
    'Learning rate':
        '学习率',
    'Step size of learning. Too high: the loss jumps or becomes NaN; too low: slow.':
        '学习的步长。过高:损失跳动或变成 NaN;过低:学得慢。',
    'must be a number above 0 (typically 0.0001 to 0.01)':
        '必须是大于 0 的数(通常为 0.0001 到 0.01)',
    'Schedule':
        '调度方式',
    'How the learning rate changes during training.':
        '训练过程中学习率如何变化。',
    'Constant':
        '恒定',
    'Cosine decay to 0':
        '余弦衰减到 0',
    'Step decay':
        '阶梯衰减',
    'Step decay factor':
        '阶梯衰减系数',
    'Step decay: multiply the rate by this...':
        '阶梯衰减:将学习率乘以此值……',
    'Step decay every':
        '阶梯衰减间隔',
    '...every this many epochs.':
        '……每隔这么多轮次。',
    'Epochs':
        '轮次(epoch)',
    'Passes over the training images.':
        '遍历训练集图像的次数。',
    'Steps per epoch':
        '每轮步数',
    'Batches per epoch; automatic is every image once (ceil(images / batch size)).':
        '每轮的批次数;自动表示每张图像用一次(ceil(图像数 / 批次大小))。',
    'must be a whole number of batches from 1 to 10,000,000 (or empty for automatic)':
        '必须是 1 到 10,000,000 之间的整数批次数(留空表示自动)',
    'Validation steps':
        '验证步数',
    'Validation batches after an epoch; automatic is all.':
        '每轮结束后的验证批次数;自动表示全部。',
    'Validate every':
        '验证间隔',
    'Validate after every N epochs.':
        '每 N 轮验证一次。',
    'Workers':
        '工作线程',
    'Threads preparing batches while the model trains; 0 prepares them in turn.':
        '模型训练时准备批次的线程数;0 表示依次准备。',
    'Use processes instead of threads':
        '使用进程代替线程',
    'Rarely faster for image files; needs more memory.':
        '对图像文件很少更快;需要更多内存。',
    'Queue size':
        '队列大小',
    'Batches prepared ahead, at most.':
        '最多提前准备的批次数。',
    'Shuffle images every epoch':
        '每轮打乱图像顺序',
    'A new order every epoch (recommended).':
        '每轮使用新的顺序(推荐)。',
    'Class weights':
        '类别权重',
    'Make rare classes count more in the loss.':
        '让稀有类别在损失中占更大权重。',
    'Console':
        '控制台',
    "What the console shows, as Keras's verbose 1, 2 or 0.":
        '控制台显示的内容,相当于 Keras 的 verbose 1、2 或 0。',
    'Progress bar':
        '进度条',
    'One line per epoch':
        '每轮一行',
    'Silent':
        '静默',
    'Seed':
        '随机种子',
    'The same seed repeats the same shuffling, augmentation and dropout.':
        '相同的随机种子会重现相同的打乱、数据增强和 dropout。',
    'Device':
        '设备',
    'Where the model trains. GPUs appear once TensorFlow has loaded.':
        '模型在哪里训练。TensorFlow 加载后会显示 GPU。',
    'Mixed precision (GPU)':
        '混合精度(GPU)',
    '16-bit arithmetic where safe: faster on recent GPUs, no use on a CPU.':
        '在安全的地方使用 16 位运算:在较新的 GPU 上更快,在 CPU 上无用。',
    'XLA compilation':
        'XLA 编译',
    'XLA compiles the training step into fused GPU code: often faster on a GPU after a longer first batch; rarely worth it on a CPU.':
        'XLA 把训练步编译成融合的 GPU 代码:在 GPU 上通常更快,但第一个批次更慢;在 CPU 上很少值得。',
    'Automatic (on with one GPU)':
        '自动(单个 GPU 时开启)',
    'On':
        '开启',
    'Off':
        '关闭',
    'Check every file before training':
        '训练前检查每个文件',
    'Find unreadable files first (they are skipped).':
        '先找出无法读取的文件(它们会被跳过)。',
    'Stop if unreadable above':
        '无法读取超过此比例时停止',
    'Stop when more than this share of images fails to load during training.':
        '训练中无法加载的图像超过此比例时停止。',
    'When the loss is NaN':
        '损失为 NaN 时',
    'What to do when the loss becomes NaN (not a number).':
        '损失变成 NaN(非数值)时怎么办。',
    'Stop':
        '停止',
    'Warn and go on':
        '警告并继续',
    'Stop early':
        '早停',
    'Stop when the watched value stops improving.':
        '监视的指标不再改善时停止。',
    'Watch':
        '监视',
    'The value to watch.':
        '要监视的指标。',
    'Validation loss':
        '验证集损失',
    'Validation accuracy':
        '验证集准确率',
    'Training loss':
        '训练集损失',
    'Training accuracy':
        '训练集准确率',
    'Patience':
        '耐心轮数',
    'Epochs without improvement to wait.':
        '等待多少轮没有改善。',
    'Smallest improvement':
        '最小改善量',
    "Keep the best epoch's weights":
        '保留最佳轮次的权重',
    'Lower the learning rate':
        '降低学习率',
    'Multiply the rate by the factor when the watched value stops improving (constant schedule only).':
        '监视的指标不再改善时将学习率乘以该系数(仅限恒定调度)。',
    'Factor':
        '系数',
    'Multiply the rate by this.':
        '将学习率乘以此值。',
    'Epochs to wait.':
        '等待的轮次数。',
    'Lowest learning rate':
        '最低学习率',
    'Write TensorBoard logs':
        '写入 TensorBoard 日志',
    "In the run folder's tensorboard/ sub-folder.":
        '写在训练记录文件夹的 tensorboard/ 子文件夹中。',
    'Profile batches':
        '性能分析批次',
    'Training batches to profile, e.g. 10-30.':
        '要进行性能分析的训练批次,例如 10-30。',
    'Best epoch by':
        '最佳轮次依据',
    'The value that decides which epoch is the best.':
        '决定哪一轮最佳的指标。',
    'Keep checkpoints':
        '保留检查点',
    "Checkpoints of the newest epochs kept; the best epoch's is kept as well.":
        '保留最新几轮的检查点;最佳轮次的检查点也会保留。',
    'must be a whole number of checkpoints (0 keeps all)':
        '必须是整数个检查点(0 表示全部保留)',
    'Final model':
        '最终模型',
    "What model.keras is when training ends: the best epoch's checkpoint, or the model after the last epoch.":
        '训练结束时 model.keras 是什么:最佳轮次的检查点,或最后一轮之后的模型。',
    'The best epoch (by the value above)':
        '最佳轮次(按上面的指标)',
    'The last epoch':
        '最后一轮',
}

PLURALS: dict[str, str] = {
}
